// Process-wide setup for the daemon: no core dumps, termination signals
// delivered to one waiting thread, and readiness reported to systemd.
#ifndef KLUIS_DAEMON_PLATFORM_PROCESS_H_
#define KLUIS_DAEMON_PLATFORM_PROCESS_H_

namespace kluis::platform {

// RLIMIT_CORE 0 and PR_SET_DUMPABLE 0 (also keeps other users' ptrace out);
// SIGPIPE ignored. Call first thing in main().
void HardenProcess();

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// afterwards. Call before starting threads.
void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

// sd_notify READY=1 / STOPPING=1 when run under systemd; no-ops otherwise.
void NotifyReady();
void NotifyStopping();

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_PROCESS_H_
