"""Messages for faults: a missing or broken snapshot, a write that failed (full disk, read-only
folder), an attempt that could not be logged."""

NL = {
    'store.none': "Er zijn nog geen gegevens in {root}. Maak de voorbeelddata met 'python -m ggu demo' of laad een bestand in.",
    'store.missing': 'De huidige snapshot {snapshot} ontbreekt ({path}).',
    'store.none_readable': 'De huidige snapshot {snapshot} {state} ({path}) en er is geen eerdere snapshot die wel te lezen is.',
    'store.state.missing': 'ontbreekt',
    'store.state.unreadable': 'is onleesbaar',
    'store.no_such': 'Snapshot {snapshot} bestaat niet.',
    'store.write_failed': 'De nieuwe gegevens konden niet worden opgeslagen: {reason} ({root}). ',
    'store.kept': 'De gegevens blijven op snapshot {snapshot}; er is niets verloren.',
    'store.unchanged': 'Er is niets veranderd.',
    'store.reason.full': 'de schijf is vol',
    'store.reason.quota': 'de schijfruimte is op',
    'store.reason.read_only': 'de gegevensmap is alleen-lezen',
    'store.reason.no_access': 'er is geen schrijfrecht op de gegevensmap',
    'sec.fallback': 'De huidige gegevens (snapshot {wanted}) zijn niet te lezen: het bestand '
                    'ontbreekt of is beschadigd. U ziet de laatste goede stand, snapshot {used}. '
                    'Een beheerder kan dit herstellen op de pagina Beheer: opnieuw inladen of '
                    'terugzetten naar snapshot {used}.',
    'file.write_failed': 'kan {path} niet schrijven: {reason}; er is niets half geschreven',
    'file.reason.missing': 'de map {folder} bestaat niet',
    'file.reason.full': 'de schijf is vol',
    'file.reason.read_only': 'de map {folder} is alleen-lezen',
    'file.reason.no_access': 'geen schrijfrecht in de map {folder}',
    'file.reason.is_folder': 'dat is een map',
    'sec.fallback_pointer': 'Het bestand CURRENT in de gegevensmap is beschadigd (het noemt geen '
                            'snapshot). U ziet de nieuwste goede stand, snapshot {used}. Een '
                            'beheerder kan dit herstellen op de pagina Beheer: terugzetten '
                            'naar snapshot {used} of opnieuw inladen.',
    'sec.log_failed': 'Let op: deze poging kon niet in het logboek worden geschreven '
                      '(schijf vol of alleen-lezen).',
}

EN = {
    'store.none': "There is no data in {root} yet. Build the sample data with 'python -m ggu demo' or load a file.",
    'store.missing': 'The current snapshot {snapshot} is missing ({path}).',
    'store.none_readable': 'The current snapshot {snapshot} {state} ({path}) and there is no earlier snapshot that can be read.',
    'store.state.missing': 'is missing',
    'store.state.unreadable': 'cannot be read',
    'store.no_such': 'Snapshot {snapshot} does not exist.',
    'store.write_failed': 'The new data could not be saved: {reason} ({root}). ',
    'store.kept': 'The data stays at snapshot {snapshot}; nothing is lost.',
    'store.unchanged': 'Nothing has changed.',
    'store.reason.full': 'the disk is full',
    'store.reason.quota': 'the disk quota is used up',
    'store.reason.read_only': 'the data folder is read-only',
    'store.reason.no_access': 'there is no write permission on the data folder',
    'sec.fallback': 'The current data (snapshot {wanted}) cannot be read: the file is missing or '
                    'damaged. You are seeing the last good version, snapshot {used}. An '
                    'administrator can repair this on the Beheer page: load again or roll back '
                    'to snapshot {used}.',
    'file.write_failed': 'cannot write {path}: {reason}; nothing was half written',
    'file.reason.missing': 'the folder {folder} does not exist',
    'file.reason.full': 'the disk is full',
    'file.reason.read_only': 'the folder {folder} is read-only',
    'file.reason.no_access': 'no permission to write in the folder {folder}',
    'file.reason.is_folder': 'that is a folder',
    'sec.fallback_pointer': 'The file CURRENT in the data folder is damaged (it names no '
                            'snapshot). You are seeing the newest good version, snapshot {used}. '
                            'An administrator can repair this on the Beheer page: roll back '
                            'to snapshot {used} or load again.',
    'sec.log_failed': 'Note: this attempt could not be written to the log (disk full or '
                      'read-only).',
}
