//! Child processes: starting them, watching their peak memory, reading what they report.
use crate::Result;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// How often the parent reads a running child's high-water mark.
const POLL: Duration = Duration::from_millis(20);

/// The line a measuring child prints last; the parent reads nothing else from it.
pub const RESULT_PREFIX: &str = "mail-bench-result";

/// The peak resident set of a process (`VmHWM` of `/proc/<pid>/status`, in kB), while it runs.
pub fn vm_hwm_kb(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// What a measuring child did.
#[derive(Debug, Default)]
pub struct ChildRun {
    pub exit_ok: bool,
    pub sent: usize,
    pub failed: usize,
    pub retrying: usize,
    /// The timed span, as the child measured it.
    pub seconds: f64,
    /// The larger of the parent's polling and the child's own last reading.
    pub peak_kb: u64,
    /// How the child sent: the service's `Transport` (Debug) or lettre's pool.
    pub transport: String,
}

/// Prints the result line of a measuring child.
pub fn report(transport: &str, sent: usize, failed: usize, retrying: usize, seconds: f64) {
    let peak_kb = vm_hwm_kb("self").unwrap_or(0);
    let transport: String = transport
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    println!(
        "{RESULT_PREFIX} sent={sent} failed={failed} retrying={retrying} seconds={seconds:.6} \
         peak_kb={peak_kb} transport={transport}"
    );
}

/// Runs this executable with `args`, polling its `VmHWM` every 20 ms until it exits.
pub fn run_child(args: &[&str]) -> Result<ChildRun> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let pid = child.id().to_string();
    let stdout = child.stdout.take().ok_or("child without stdout")?;
    // Read on another thread, so that a chatty child can never block on a full pipe.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        BufReader::new(stdout)
            .read_to_string(&mut text)
            .map(|_| text)
    });
    let mut peak_kb = 0;
    let status = loop {
        // Read before asking whether it exited: an exited child has no VmHWM any more, and its
        // own last reading in the result line covers the final few milliseconds.
        if let Some(kb) = vm_hwm_kb(&pid) {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(POLL);
    };
    let text = reader.join().map_err(|_| "stdout reader panicked")??;
    let mut run = ChildRun {
        exit_ok: status.success(),
        peak_kb,
        ..Default::default()
    };
    let line = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(RESULT_PREFIX));
    let Some(line) = line else {
        eprintln!("mail-bench: child {args:?} exited ({status}) without a result");
        return Ok(run);
    };
    for field in line.split_whitespace() {
        let Some((key, value)) = field.split_once('=') else {
            continue;
        };
        match key {
            "sent" => run.sent = value.parse()?,
            "failed" => run.failed = value.parse()?,
            "retrying" => run.retrying = value.parse()?,
            "seconds" => run.seconds = value.parse()?,
            "peak_kb" => run.peak_kb = run.peak_kb.max(value.parse()?),
            "transport" => run.transport = value.to_string(),
            _ => {}
        }
    }
    Ok(run)
}

/// The SMTP sink, in a child process of its own.
pub struct SinkProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    pub url: String,
}

impl SinkProcess {
    pub fn start() -> Result<SinkProcess> {
        let mut child = Command::new(std::env::current_exe()?)
            .args(["sink", "--port", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().ok_or("sink without stdout")?;
        let mut sink = SinkProcess {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            url: String::new(),
        };
        let line = sink.read_line()?;
        let port: u16 = line
            .strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("sink said {line:?}"))?;
        sink.url = format!("smtp://127.0.0.1:{port}");
        Ok(sink)
    }

    fn read_line(&mut self) -> Result<String> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err("the sink process ended".into());
        }
        Ok(line.trim().to_string())
    }

    /// Messages the sink accepted so far.
    pub fn count(&mut self) -> Result<usize> {
        let stdin = self.stdin.as_mut().ok_or("sink stopped")?;
        stdin.write_all(b"count\n")?;
        stdin.flush()?;
        Ok(self.read_line()?.parse()?)
    }

    /// The count once it reaches `n`, or whatever it is after `timeout`.
    pub fn wait_for(&mut self, n: usize, timeout: Duration) -> Result<usize> {
        let start = Instant::now();
        loop {
            let count = self.count()?;
            if count >= n || start.elapsed() >= timeout {
                return Ok(count);
            }
            std::thread::sleep(POLL);
        }
    }

    /// Closes its stdin, on which it exits; kills it if it has not after two seconds.
    pub fn stop(&mut self) {
        drop(self.stdin.take());
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(2) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(POLL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for SinkProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
