"""The exit statuses of ``cleanse``: what a script calling it may rely on."""

EXIT_OK = 0
EXIT_CHANGES = 1  # --check (or --diff) found something to change
EXIT_ERROR = 2  # a bad flag, config file or input; reported as "cleanse: error: ..."
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of the output went away (| head)
