"""Messages for faults: a broken current snapshot, an attempt that could not be logged."""

NL = {
    'sec.fallback': 'De huidige gegevens (snapshot {wanted}) zijn niet te lezen: het bestand '
                    'ontbreekt of is beschadigd. U ziet de laatste goede stand, snapshot {used}. '
                    'Een beheerder kan dit herstellen door opnieuw in te laden of terug te zetten '
                    '(`python -m ggu rollback {used}`).',
    'sec.log_failed': 'Let op: deze poging kon niet in het logboek worden geschreven '
                      '(schijf vol of alleen-lezen).',
}

EN = {
    'sec.fallback': 'The current data (snapshot {wanted}) cannot be read: the file is missing or '
                    'damaged. You are seeing the last good version, snapshot {used}. An '
                    'administrator can repair this by loading again or rolling back '
                    '(`python -m ggu rollback {used}`).',
    'sec.log_failed': 'Note: this attempt could not be written to the log (disk full or '
                      'read-only).',
}
