"""What a script did, kept so that tests and ``invoke simulate`` can assert on it."""


class Recorder(object):
    def __init__(self):
        self.requests = []
        self.messages = []
        self.log = []
        self.dialog_closed = False
        self.invocations = []
        # invokeScript calls made by a library while it ran (Runner.call_function).
        self.library_calls = []

    def as_dict(self):
        """A snapshot: a call the script abandoned at its deadline may still
        be running on its own thread, and must not change the record later."""
        return {
            "requests": [dict(request) for request in self.requests],
            "messages": list(self.messages),
            "log": list(self.log),
            "dialog_closed": self.dialog_closed,
            "invocations": list(self.invocations),
            "library_calls": list(self.library_calls),
        }
