"""Strings of the login: roles, refusal, the lockout after failed passwords, the login log."""

NL = {
    'role.lezer': 'lezer',
    'role.college': 'college',
    'role.beheer': 'beheerder',
    'auth.sidebar_user': 'Ingelogd als {user} (rol: {role}).',
    'auth.not_allowed_help': 'U bent ingelogd met de rol **{role}**: u kunt de andere pagina\'s '
                             'lezen, maar Beheer is alleen voor beheerders. Hoort u beheerder te '
                             'zijn? Vraag de beheerder van het dashboard om uw adres toe te '
                             'voegen. Of log uit en log in met een ander account.',
    'auth.attempts_left': 'Pogingen over: {left}. Daarna gaat het inloggen met een wachtwoord '
                          '{minutes} minuten op slot.',
    'auth.locked': 'Het inloggen met een wachtwoord is op slot na {failures} mislukte pogingen '
                   'binnen {window} minuten. Probeer het om {time} opnieuw (over {minutes} '
                   'minuten). Een beheerder met toegang tot de server kan het slot eerder '
                   'opheffen met `python -m ggu unlock`.',
    'auth.log_failed': 'Deze inlogpoging kon niet worden vastgelegd (het bestand logins.sqlite '
                       'in de gegevensmap is beschadigd, of de map is vol of alleen-lezen), dus inloggen met een wachtwoord kan nu niet. Waarschuw '
                       'de beheerder van de server.',
}

EN = {
    'role.lezer': 'reader',
    'role.college': 'College',
    'role.beheer': 'administrator',
    'auth.sidebar_user': 'Logged in as {user} (role: {role}).',
    'auth.not_allowed_help': 'You are logged in with the role **{role}**: you can read the other '
                             'pages, but Administration is for administrators only. Should you '
                             'be one? Ask the dashboard\'s administrator to add your address. '
                             'Or log out and log in with another account.',
    'auth.attempts_left': 'Attempts left: {left}. Then password login is locked for {minutes} '
                          'minutes.',
    'auth.locked': 'Password login is locked after {failures} failed attempts within {window} '
                   'minutes. Try again at {time} (in {minutes} minutes). An administrator with '
                   'access to the server can lift the lock earlier with `python -m ggu unlock`.',
    'auth.log_failed': 'This login attempt could not be recorded (the file logins.sqlite in the '
                       'data folder is damaged, or the folder is full or read-only), so password login is not possible now. Tell the server\'s '
                       'administrator.',
}
