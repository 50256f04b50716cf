"""The pattern-finder: plain Python (numpy), no Django imports.

It takes plain records and returns plain results, so the web app, the API and
the CLI can share it and it can be tested and benchmarked on its own.

    records    InteractionRecord, SolitudeRecord, CheckInRecord: what goes in
    report     analyse(...) -> Report, report_to_dict(report): what comes out
    effects    who and what tends to leave the user more settled (ANCOVA + pooling)
    drift      when solitude slides into isolation
    balance    week-by-week balance, next-day lags, duration and dose-response
    cards      plain-language sentences from the effects
    csvio      read_journal(folder) / write_journal(folder, ...): the CSV interface
    synthetic  journals with planted, documented patterns (bench, demo)
    states     the two-axis state and its regions
"""
