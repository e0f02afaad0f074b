"""The course hub: accounts from the roster, sign-in, and the questionnaire form on JupyterHub."""
