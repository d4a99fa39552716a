"""The Qt user interface. Views build widgets; controllers connect them to the core."""
