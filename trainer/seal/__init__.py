"""Exam seals: the exam centre's signatures on packages, and sealed results.

The exam centre keeps one Ed25519 key pair (``keys.make_centre``) on its own machine, never on
a candidate's workstation. With it the centre signs exam packages (``packages.sign_package``,
a detached ``PACKAGE.sig``) and enrols each workstation and evaluator station
(``keys.enrol``): a key pair of the station's own and an X.509 certificate, the station's
public key signed by the centre with its name and dates. A station seals what it finished with
its own key (``parts.seal_part``); anyone holding the centre's certificate checks the chain
back to it (``verify``). Codes and numbers only (``Said`` with a ``Message``); no Qt.
"""
