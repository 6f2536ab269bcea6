"""Status at a glance (`msm status`) and the static HTML review report (`msm report`)."""
