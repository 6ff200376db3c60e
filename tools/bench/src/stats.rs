//! Latencies and answer classes of a measured run, and the figures made from them.
use std::io;

/// Answers by class. 409 is counted apart: on a shared unit it is the service doing its job.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// 2xx and 3xx.
    pub ok: u64,
    pub conflict: u64,
    /// 4xx other than 409.
    pub client: u64,
    pub server: u64,
    /// No answer: connection refused or reset, malformed reply.
    pub io: u64,
}

impl Tally {
    pub fn add(&mut self, outcome: &io::Result<u16>) {
        match outcome {
            Ok(200..=399) => self.ok += 1,
            Ok(409) => self.conflict += 1,
            Ok(400..=499) => self.client += 1,
            Ok(_) => self.server += 1,
            Err(_) => self.io += 1,
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.ok += other.ok;
        self.conflict += other.conflict;
        self.client += other.client;
        self.server += other.server;
        self.io += other.io;
    }

    pub fn total(&self) -> u64 {
        self.ok + self.conflict + self.client + self.server + self.io
    }
}

/// What one measured workload did.
#[derive(Debug, Default, Clone)]
pub struct Run {
    /// Wall time of the whole workload.
    pub seconds: f64,
    /// Every answered request's latency, in microseconds.
    pub latencies_us: Vec<u64>,
    pub tally: Tally,
}

impl Run {
    pub fn merge(&mut self, other: Run) {
        self.latencies_us.extend(other.latencies_us);
        self.tally.merge(&other.tally);
    }

    pub fn record(&mut self, outcome: &io::Result<u16>, micros: u64) {
        self.tally.add(outcome);
        if outcome.is_ok() {
            self.latencies_us.push(micros);
        }
    }

    /// Successful (2xx/3xx) operations per second.
    pub fn rate(&self) -> f64 {
        if self.seconds > 0.0 {
            self.tally.ok as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// The `p`-th percentile latency (0 < p <= 100), in milliseconds, nearest rank.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
    }
}

/// `measured / reference` as a percentage.
pub fn ratio(measured: f64, reference: f64) -> f64 {
    if reference > 0.0 {
        100.0 * measured / reference
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let run = Run {
            seconds: 1.0,
            latencies_us: (1..=100).map(|i| i * 1000).collect(),
            tally: Tally::default(),
        };
        assert_eq!(run.percentile_ms(50.0), 50.0);
        assert_eq!(run.percentile_ms(99.0), 99.0);
        assert_eq!(run.percentile_ms(100.0), 100.0);
    }

    #[test]
    fn answers_are_classed() {
        let mut t = Tally::default();
        for s in [200, 303, 409, 404, 422, 500, 503] {
            t.add(&Ok(s));
        }
        t.add(&Err(io::ErrorKind::ConnectionReset.into()));
        assert_eq!(
            (t.ok, t.conflict, t.client, t.server, t.io),
            (2, 1, 2, 2, 1)
        );
    }
}
