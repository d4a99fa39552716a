"""The app's process skips pydantic's plugin search without importing it: pydantic's loader
brings ``importlib.metadata`` (with email, csv, socket: 3 MB) for a search the app turns off."""

from __future__ import annotations

from tests.probes import run_probe

MODEL = (
    "import sys\n"
    "from trainer import pydantic_plugins\n"
    "put = pydantic_plugins.skip_search()\n"
    "from pydantic import BaseModel, ValidationError\n"
    "class Settings(BaseModel):\n"
    "    level: int\n"
    "assert Settings.model_validate({'level': '3'}).level == 3\n"
    "try:\n"
    "    Settings.model_validate({'level': 'drie'})\n"
    "    raise SystemExit('no error')\n"
    "except ValidationError:\n"
    "    pass\n"
)
SEARCHED = "'importlib.metadata' in sys.modules"


def test_with_plugins_disabled_models_validate_without_the_search_s_modules() -> None:
    probe = MODEL + f"print(put, {SEARCHED})\n"
    assert run_probe(probe, env={"PYDANTIC_DISABLE_PLUGINS": "__all__"}) == "True False"


def test_without_the_variable_pydantic_searches_as_it_always_did() -> None:
    probe = MODEL + f"print(put, {SEARCHED})\n"
    assert run_probe(probe, env={"PYDANTIC_DISABLE_PLUGINS": ""}) == "False True"


def test_anything_else_asked_of_the_loader_comes_from_pydantic_s_own() -> None:
    probe = MODEL + (
        "import pydantic.plugin._loader as stand_in\n"
        "group = stand_in.PYDANTIC_ENTRY_POINT_GROUP\n"
        "real = sys.modules['pydantic.plugin._loader']\n"
        f"print(group, real is not stand_in, {SEARCHED}, list(real.get_plugins()))\n"
    )
    shown = run_probe(probe, env={"PYDANTIC_DISABLE_PLUGINS": "__all__"})
    assert shown == "pydantic True True []"


def test_plugins_turned_back_on_are_searched_by_pydantic() -> None:
    probe = MODEL + (
        "import os\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'een-andere'\n"
        "from pydantic.plugin._loader import get_plugins\n"
        f"print(list(get_plugins()), {SEARCHED})\n"
    )
    assert run_probe(probe, env={"PYDANTIC_DISABLE_PLUGINS": "__all__"}) == "[] True"
