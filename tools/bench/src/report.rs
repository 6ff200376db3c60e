//! The printed report: the machine, one table per part, and one summary line per measurement,
//! each figure beside its reference from the same run.
use crate::indicators::{Dataset, Timings};
use crate::load::SaveRun;
use crate::mail::Mail;
use crate::stats::{ratio, Run};
use crate::WebResults;

/// `nproc`, the CPU model, memory and load, from /proc.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim());
    let memory_kb: f64 = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    let kernel = read("/proc/sys/kernel/osrelease");
    format!(
        "{cores} cores (nproc), {model}, {:.1} GiB memory, Linux {}",
        memory_kb / 1024.0 / 1024.0,
        kernel.trim()
    )
}

/// The command, the machine, and the setting of the web loads.
pub fn header(database: &str, load_before: &str, respondents: usize, seconds: u64) {
    println!();
    println!("command:  {}", crate::setup::command_line());
    println!("machine:  {}", machine());
    println!(
        "database: {database}; load average before {load_before}, after {}",
        load_average()
    );
    let pairs = respondents / 4;
    println!(
        "web:      {respondents} respondents on distinct personal links of one training-needs \
         campaign ({} alone on their institute, {pairs} pairs sharing one), {seconds} s per load",
        respondents - 2 * pairs
    );
}

/// The 1-, 5- and 15-minute load averages.
pub fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn ms(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else {
        format!("{x:.2}")
    }
}

fn row(name: &str, unit: &str, run: &Run) {
    let t = &run.tally;
    println!(
        "{name:<30} {:>9} {:>8.2} {:>10.1} {unit:<7} {:>8} {:>8} {:>8} {:>6} {:>5} {:>5} {:>5}",
        t.total(),
        run.seconds,
        run.rate(),
        ms(run.percentile_ms(50.0)),
        ms(run.percentile_ms(99.0)),
        t.ok,
        t.conflict,
        t.client,
        t.server,
        t.io
    );
}

pub fn web(w: &WebResults) {
    println!();
    println!(
        "{:<30} {:>9} {:>8} {:>18} {:>8} {:>8} {:>8} {:>6} {:>5} {:>5} {:>5}",
        "web load",
        "requests",
        "seconds",
        "rate (2xx/3xx)",
        "p50 ms",
        "p99 ms",
        "2xx/3xx",
        "409",
        "4xx",
        "5xx",
        "none"
    );
    row("form GET, coomet-surveys", "req/s", &w.get_serve);
    row("form GET, bare Rocket route", "req/s", &w.get_bare);
    row("save+submit POST, serve", "saves/s", &w.save_serve.posts);
    row(
        "save+submit POST, bare route",
        "saves/s",
        &w.save_bare.posts,
    );
    row("raw insert (sqlx), reference", "rows/s", &w.raw.run);
    println!();
    println!("raw insert: {}", w.raw.settings);
    if let Some(e) = &w.raw.first_error {
        println!("raw insert: first error: {e}");
    }
    for (name, s) in [("serve", &w.save_serve), ("bare route", &w.save_bare)] {
        save_notes(name, s);
    }
    memory(w);
}

fn memory(w: &WebResults) {
    println!();
    println!(
        "{:<30} {:>12} {:>12} {:>8}",
        "peak memory (VmHWM)", "serve MiB", "bare MiB", "ratio"
    );
    println!(
        "{:<30} {:>12.1} {:>12.1} {:>7.0}%",
        "under the loads above",
        w.peak_serve_kb as f64 / 1024.0,
        w.peak_bare_kb as f64 / 1024.0,
        ratio(w.peak_serve_kb as f64, w.peak_bare_kb as f64)
    );
    let log = &w.serve_log;
    println!(
        "serve log (RUST_LOG=warn): {} errors, {} warnings besides the launch line",
        log.errors, log.warnings
    );
    if let Some(first) = &log.first_error {
        println!("serve log: first error: {first}");
    }
}

fn save_notes(name: &str, s: &SaveRun) {
    println!(
        "save+submit, {name}: {} of {} respondents submitted; {} page GETs failed; {} conflicts on \
         units nobody shared",
        s.submitted,
        s.respondents,
        s.page_failures,
        s.conflicts_alone
    );
}

pub fn mail(m: &Mail) {
    println!();
    println!("mail-bench, as printed by it:");
    for line in m.report.lines().filter(|l| !l.trim().is_empty()) {
        println!("  {line}");
    }
}

pub fn indicators(d: &Dataset, t: &Timings) {
    println!();
    println!(
        "indicators: {} campaigns ({} forms x {} years), {} institutes, {} invitations, {} \
         submitted responses; built in {:.1} s (not timed)",
        d.campaigns,
        d.campaigns / d.years.max(1) as usize,
        d.years,
        d.institutes,
        d.invitations,
        d.responses,
        d.seconds
    );
    println!(
        "{:<44} {:>8} {:>12}  each round (s)",
        "indicators (median of rounds)", "seconds", "responses/s"
    );
    let lib = median(&t.library);
    let scan = median(&t.scan);
    println!(
        "{:<44} {:>8.3} {:>12.0}  {}",
        format!("indicators::compute, {} tables", t.tables),
        lib,
        d.responses as f64 / lib,
        fmt_list(&t.library)
    );
    println!(
        "{:<44} {:>8.3} {:>12.0}  {}",
        format!("SELECT answers_json + parse, {} rows", t.rows),
        scan,
        t.rows as f64 / scan,
        fmt_list(&t.scan)
    );
    let (dash, over) = (median(&t.dashboard), median(&t.overview));
    println!(
        "{:<44} {:>8.3} {:>12}  {}",
        format!("/review page, training-needs, {} years", d.years),
        dash,
        "",
        fmt_list(&t.dashboard)
    );
    println!(
        "{:<44} {:>8.3} {:>12}  {}",
        format!("/review/roadmap, {} campaigns", d.campaigns),
        over,
        "",
        fmt_list(&t.overview)
    );
    println!(
        "review pages vs the plain scan of every response: page {:.1}x, roadmap {:.1}x",
        dash / scan,
        over / scan
    );
}

pub fn export(t: &crate::export::Timings) {
    let (csv, xlsx, reference) = (median(&t.csv), median(&t.xlsx), median(&t.reference));
    println!();
    println!(
        "export: {} submitted responses of one training-needs campaign (median of rounds)",
        t.responses
    );
    println!(
        "{:<44} {:>8.3} s {:>10} bytes  {}",
        "export::gather + files::write, CSV (ZIP)",
        csv,
        t.csv_bytes,
        fmt_list(&t.csv)
    );
    println!(
        "{:<44} {:>8.3} s {:>10} bytes  {}",
        "export::gather + files::write, XLSX",
        xlsx,
        t.xlsx_bytes,
        fmt_list(&t.xlsx)
    );
    println!(
        "{:<44} {:>8.3} s {:>10}        {}",
        "reference: SELECT answers_json + parse + csv",
        reference,
        "",
        fmt_list(&t.reference)
    );
    println!(
        "export: CSV {csv:.3} s, XLSX {xlsx:.3} s (goal 0.5 s) vs reference {reference:.3} s -> \
         CSV {:.1}x, XLSX {:.1}x the reference",
        csv / reference,
        xlsx / reference
    );
}

pub fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn fmt_list(xs: &[f64]) -> String {
    xs.iter()
        .map(|x| format!("{x:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line per measurement, each figure beside its reference.
pub fn summary(web: Option<&WebResults>, mail: Option<&Mail>, ind: Option<(&Dataset, &Timings)>) {
    println!();
    if let Some(w) = web {
        summary_web(w);
    }
    if let Some(m) = mail {
        println!(
            "mail: {:.0} messages/s ({} in {:.2} s, peak {:.1} MiB) vs lettre alone {:.0} \
             messages/s ({} in {:.2} s, peak {:.1} MiB) -> ratio {:.1}%",
            m.outbox.per_second,
            m.outbox.messages,
            m.outbox.seconds,
            m.outbox.peak_mb,
            m.lettre.per_second,
            m.lettre.messages,
            m.lettre.seconds,
            m.lettre.peak_mb,
            ratio(m.outbox.per_second, m.lettre.per_second)
        );
    }
    if let Some((d, t)) = ind {
        let (lib, scan) = (median(&t.library), median(&t.scan));
        println!(
            "indicators: {:.0} responses/s ({lib:.3} s for {} campaigns) vs plain scan {:.0} \
             responses/s ({scan:.3} s) -> ratio {:.1}%",
            d.responses as f64 / lib,
            d.campaigns,
            t.rows as f64 / scan,
            ratio(d.responses as f64 / lib, t.rows as f64 / scan)
        );
    }
    if let Some(w) = web {
        println!(
            "peak RSS of serve: {:.1} MiB vs bare route {:.1} MiB -> ratio {:.0}%",
            w.peak_serve_kb as f64 / 1024.0,
            w.peak_bare_kb as f64 / 1024.0,
            ratio(w.peak_serve_kb as f64, w.peak_bare_kb as f64)
        );
    }
}

fn summary_web(w: &WebResults) {
    let (g, b) = (&w.get_serve, &w.get_bare);
    println!(
        "form GET: {:.0} req/s (p50 {} ms, p99 {} ms) vs bare route {:.0} req/s (p50 {} ms, \
         p99 {} ms) -> ratio {:.1}%",
        g.rate(),
        ms(g.percentile_ms(50.0)),
        ms(g.percentile_ms(99.0)),
        b.rate(),
        ms(b.percentile_ms(50.0)),
        ms(b.percentile_ms(99.0)),
        ratio(g.rate(), b.rate())
    );
    let (s, r) = (&w.save_serve.posts, &w.raw.run);
    println!(
        "save and submit: {:.0} saves/s (p50 {} ms, p99 {} ms; 2xx/3xx {}, 409 {}, 4xx {}, \
         5xx {}, no answer {}) vs raw insert {:.0} rows/s (p50 {} ms, p99 {} ms) -> ratio {:.1}%",
        s.rate(),
        ms(s.percentile_ms(50.0)),
        ms(s.percentile_ms(99.0)),
        s.tally.ok,
        s.tally.conflict,
        s.tally.client,
        s.tally.server,
        s.tally.io,
        r.rate(),
        ms(r.percentile_ms(50.0)),
        ms(r.percentile_ms(99.0)),
        ratio(s.rate(), r.rate())
    );
}
