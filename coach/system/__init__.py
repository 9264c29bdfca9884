"""What differs per operating system, in one folder: a port to another system starts here.

- `keys.py`: key presses from the terminal (termios on POSIX, msvcrt on Windows);
- `speech.py`: the offline voice (espeak-ng or spd-say, `say`, System.Speech);
- `notify.py`: desktop notifications (notify-send, osascript, a Windows toast);
- `replace.py`: the rename that finishes a durable write, with Windows' passing refusals;
- `processes.py`: whether the process named in the session lock still runs;
- `reminder_jobs.py`: the job that runs `coach remind` (a systemd user timer, a launchd
  agent, a Task Scheduler task).

Each function reads `sys.platform` when it is called, so the tests run every system's
path on Linux with the platform patched and the system's tools faked. The wing sits
below `files` (which finishes its writes with `replace`) and above `domain`; it writes
no file of coach's own.
"""
