"""Certificates of Achievement: who completed every activity, their PDFs and the register.

The concept note promises a Certificate of Achievement to participants who satisfactorily
complete ALL activities (online course, expert panel, virtual sessions). The rules live in
``assessments/completion.yml``; this package applies them (``eligibility``), gives each
certificate a verification code (``codes``, ``register``), prints it (``pdf``) and ties those
steps together for ``rcm-course certificates`` and ``rcm-course verify`` (``issue``, ``commands``).
"""
