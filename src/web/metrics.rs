//! `/metrics` in Prometheus' text format, when `METRICS=true`: requests by route template
//! (never a path: a personal link's token stays out), method and status; their latency; the
//! outbox (waiting, failed, the oldest waiting message's age); the database pool's use; the
//! free space where the service writes, beside its floor.
use crate::app::App;
use crate::{Error, Result};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::ContentType;
use rocket::{get, routes, Data, Request, Response, Route, State};
use std::sync::Arc;
use std::time::Instant;

pub fn routes() -> Vec<Route> {
    routes![scrape]
}

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    outbox: IntGaugeVec,
    oldest_waiting: IntGauge,
    pool: IntGaugeVec,
    disk: IntGaugeVec,
}

fn metric_error(e: prometheus::Error) -> Error {
    Error::Config(vec![format!("metrics: {e}")])
}

impl Metrics {
    pub fn new() -> Result<Arc<Metrics>> {
        let requests = IntCounterVec::new(
            Opts::new("coomet_http_requests_total", "Requests answered"),
            &["route", "method", "status"],
        )
        .map_err(metric_error)?;
        let latency = HistogramVec::new(
            HistogramOpts::new("coomet_http_request_duration_seconds", "Time to answer"),
            &["route"],
        )
        .map_err(metric_error)?;
        let outbox = IntGaugeVec::new(
            Opts::new("coomet_outbox_messages", "Messages of the outbox by state"),
            &["state"],
        )
        .map_err(metric_error)?;
        let oldest_waiting = IntGauge::new(
            "coomet_outbox_oldest_waiting_seconds",
            "Age of the oldest message waiting to be sent (0 when none waits)",
        )
        .map_err(metric_error)?;
        let pool = IntGaugeVec::new(
            Opts::new(
                "coomet_db_pool_connections",
                "Database connections by state",
            ),
            &["state"],
        )
        .map_err(metric_error)?;
        let disk = IntGaugeVec::new(
            Opts::new(
                "coomet_disk_bytes",
                "Space of the disk under each folder the service writes to: free, and the floor \
below which /health answers 503",
            ),
            &["path", "kind"],
        )
        .map_err(metric_error)?;
        let registry = Registry::new();
        let collectors: [Box<dyn prometheus::core::Collector>; 6] = [
            Box::new(requests.clone()),
            Box::new(latency.clone()),
            Box::new(outbox.clone()),
            Box::new(oldest_waiting.clone()),
            Box::new(pool.clone()),
            Box::new(disk.clone()),
        ];
        for c in collectors {
            registry.register(c).map_err(metric_error)?;
        }
        Ok(Arc::new(Metrics {
            disk,
            registry,
            requests,
            latency,
            outbox,
            oldest_waiting,
            pool,
        }))
    }

    /// The gauges read at scrape time, then everything as text.
    async fn render(&self, app: &App) -> Result<String> {
        let backlog = crate::mail::backlog(&app.db).await?;
        self.outbox
            .with_label_values(&["waiting"])
            .set(backlog.waiting as i64);
        self.outbox
            .with_label_values(&["failed"])
            .set(backlog.failed as i64);
        self.oldest_waiting
            .set(backlog.oldest_waiting_seconds.unwrap_or(0));
        let (size, idle) = crate::db::pool_use(&app.db);
        self.pool.with_label_values(&["idle"]).set(idle as i64);
        self.pool
            .with_label_values(&["in_use"])
            .set(i64::from(size) - idle as i64);
        for r in app.space.read() {
            let gauge = |kind: &str, v: u64| {
                let v = i64::try_from(v).unwrap_or(i64::MAX);
                self.disk.with_label_values(&[r.path.as_str(), kind]).set(v);
            };
            gauge("free", r.free_bytes);
            gauge("floor", r.floor_bytes);
        }
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut out)
            .map_err(metric_error)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// When a request came in.
struct Started(Instant);

/// Counts every answer; attached only when metrics are on.
pub struct Counting(pub Arc<Metrics>);

#[rocket::async_trait]
impl Fairing for Counting {
    fn info(&self) -> Info {
        Info {
            name: "metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Started(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        // The route's template, as mounted: "/r/<token>", never the token itself.
        let route = req
            .route()
            .map_or_else(|| "unmatched".to_string(), |r| r.uri.path().to_string());
        let status = res.status().code.to_string();
        let method = req.method().as_str();
        self.0
            .requests
            .with_label_values(&[route.as_str(), method, status.as_str()])
            .inc();
        let started = req.local_cache(|| Started(Instant::now())).0;
        self.0
            .latency
            .with_label_values(&[route.as_str()])
            .observe(started.elapsed().as_secs_f64());
    }
}

#[get("/metrics")]
async fn scrape(app: &State<App>, metrics: &State<Arc<Metrics>>) -> Result<(ContentType, String)> {
    let text = metrics.render(app).await?;
    Ok((
        ContentType::new("text", "plain").with_params(("version", "0.0.4")),
        text,
    ))
}
