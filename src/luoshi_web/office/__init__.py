"""The office's web application: server-rendered pages for every role over the registry domain."""
