"""Operations over a project: each computes a plan of file changes from the tracks on disk."""
