"""The learner wing: who is behind a tab, what their tabs show, and how their writes land."""
