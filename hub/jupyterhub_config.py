"""The course hub's configuration: the one file to read (``make hub`` / ``make hub-demo``).

Settings come from ``RCM_HUB_*`` variables (``migration_course/hub/settings.py`` lists them and
their defaults): the course folder (``RCM_COURSE_DIR``), nbgrader's exchange
(``RCM_HUB_EXCHANGE``, default ``/srv/nbgrader/exchange``), the hub's own state
(``RCM_HUB_STATE``: database, cookie secret, each role's server settings), the address
(``RCM_HUB_IP``, ``RCM_HUB_PORT``) and the idle time before a server is stopped
(``RCM_HUB_IDLE_TIMEOUT``, seconds). JupyterHub runs as root, because every account is a unix
user of its own.
"""

import os
import sys
from pathlib import Path

from migration_course.hub.accounts import INSTRUCTOR, accounts_file, read_accounts
from migration_course.hub.settings import (
    DEFAULT_URLS,
    HubSettings,
    language_of,
    prepare,
    role_of,
    sign_in_notice,
    spawn_environment,
)

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

if os.geteuid() != 0:
    sys.exit("The course hub runs as root: each account is a unix user of its own. "
             "Run `sudo make hub` (or make hub-demo).")

HERE = Path(__file__).resolve().parent
# The servers run as the accounts' own unix users, who cannot enter /root where the project's
# interpreter may live: `make hub-deps` makes hub/.server-env from a system Python of the same
# version, reading the project's installed packages (no second install).
SERVER_BIN = HERE / ".server-env" / "bin"
VENV = Path(sys.prefix)
settings = HubSettings.from_env()
course = prepare(settings)  # checks the course folder, makes the exchange and server settings
accounts = read_accounts(accounts_file(course))

# -- where it listens, where it keeps its state -------------------------------------------
c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.api_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(settings.state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{settings.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
c.JupyterHub.template_vars = {"announcement_login": sign_in_notice()}

# -- who may enter: the course's accounts, nobody else ------------------------------------
c.JupyterHub.authenticator_class = "migration_course.hub.authenticator.CourseAuthenticator"
c.CourseAuthenticator.accounts_file = str(accounts_file(course))
c.CourseAuthenticator.allowed_users = set(accounts)
c.CourseAuthenticator.free_failures = 3
c.CourseAuthenticator.max_wait = 300
# A session is re-checked against the accounts file this often (seconds): someone taken off
# the roster is signed out within a minute (CourseAuthenticator.refresh_user).
c.CourseAuthenticator.auth_refresh_age = 60
# Each account is a unix user, made by JupyterHub when it first meets the account; the home
# folder is private (0700), so a participant sees only their own files.
c.LocalAuthenticator.create_system_users = True
c.LocalAuthenticator.add_user_cmd = ["useradd", "--create-home", "--user-group",
                                     "--shell", "/usr/sbin/nologin", "--comment",
                                     "rcm-course hub account", "-K", "HOME_MODE=0700"]
c.JupyterHub.load_groups = {
    "instructors": {"users": sorted(n for n, a in accounts.items() if a.role == INSTRUCTOR)},
}
c.JupyterHub.load_roles = [
    {"name": "instructors", "groups": ["instructors"],
     "scopes": ["self", "admin-ui", "list:users", "read:users:activity"]},
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
]

# -- each person's server: their own unix user, their own role's settings ----------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(SERVER_BIN / "python"), "-m", "jupyterhub.singleuser"]
c.Spawner.disable_user_config = True  # a participant's ~/.jupyter cannot switch extensions on
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    "PATH": f"{SERVER_BIN}:/usr/bin:/bin",
    # nbconvert's and formgrader's templates are in the project's share/jupyter; the servers'
    # own kernel (hub/.server-env) comes first, so kernels run an interpreter the account can.
    "JUPYTER_PATH": f"{SERVER_BIN.parent / 'share' / 'jupyter'}:{VENV / 'share' / 'jupyter'}",
}


def prepare_server(spawner):  # noqa: ANN001, ANN201
    """A participant's server opens on the questionnaire; an instructor's on formgrader."""
    role = role_of(settings, spawner.user.name)
    spawner.environment.update(spawn_environment(settings, role,
                                                 language_of(settings, spawner.user.name)))
    spawner.default_url = DEFAULT_URLS[role]
    if role == INSTRUCTOR:
        spawner.notebook_dir = str(course.root)


c.Spawner.pre_spawn_hook = prepare_server
# A participant whose server was stopped (idle, or the hub restarted) and who reloads the
# questionnaire gets it started again by itself, without JupyterHub's "Launch" button.
c.JupyterHub.implicit_spawn_seconds = 0.5

# -- idle servers are stopped (answers are saved on every click, nothing is lost) --------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={settings.idle_timeout}"],
}]

