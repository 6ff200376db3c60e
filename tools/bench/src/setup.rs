//! What every part needs and nothing measures: a temporary directory, databases of the run's
//! own, free ports, the executables, peak memory of a process.
use crate::Result;
use sea_orm::ConnectionTrait;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

/// The workspace root, where `forms/`, `templates/` and `seeds/` are.
pub fn repository_root() -> Result<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Ok(root.canonicalize()?)
}

/// Where cargo put this executable, and so `coomet-surveys` and `mail-bench` of the same build.
pub fn sibling_executable(name: &str) -> Result<PathBuf> {
    let me = std::env::current_exe()?;
    let dir = me.parent().ok_or("the executable has no directory")?;
    Ok(dir.join(name))
}

pub fn random_u64() -> u64 {
    RandomState::new().hash_one(std::time::Instant::now())
}

/// A free TCP port on the loopback interface (free when asked; the child binds it right after).
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// The peak resident set of a process (`VmHWM` of `/proc/<pid>/status`, in kB), while it runs.
pub fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// A directory of our own under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Result<TempDir> {
        let path = std::env::temp_dir().join(format!("bench-{:016x}", random_u64()));
        std::fs::create_dir(&path)?;
        Ok(TempDir(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A database of this run: a new SQLite file in the temporary directory, or a PostgreSQL
/// database created on the given server and dropped at the end.
pub struct Database {
    pub url: String,
    /// Server URL and name of a database this run created.
    owned: Option<(String, String)>,
}

impl Database {
    /// `purpose` names the file or database (`web`, `raw`, `indicators`).
    pub async fn prepare(server: Option<&str>, tmp: &Path, purpose: &str) -> Result<Database> {
        let Some(url) = server else {
            let file = tmp.join(purpose).join("coomet.db");
            std::fs::create_dir_all(tmp.join(purpose))?;
            return Ok(Database {
                url: format!("sqlite://{}?mode=rwc", file.display()),
                owned: None,
            });
        };
        if !is_postgres(url) {
            return Err("--database-url must be a postgres:// URL (SQLite is the default)".into());
        }
        let name = format!("bench_{:08x}_{purpose}", random_u64() as u32);
        let admin = sea_orm::Database::connect(url).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        admin.close().await?;
        Ok(Database {
            url: with_database(url, &name),
            owned: Some((url.to_string(), name)),
        })
    }

    pub async fn drop_if_owned(self) -> Result<()> {
        if let Some((server_url, name)) = self.owned {
            let admin = sea_orm::Database::connect(server_url.as_str()).await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// `postgres://user@host:5432/any?x=y` with the database `name` instead of `any`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let authority = rest.split('/').next().unwrap_or(rest);
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// The command line as typed, quoted where a shell would need it.
pub fn command_line() -> String {
    std::env::args()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c))
            {
                a
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_is_replaced_in_a_server_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "b"),
            "postgres://u:p@h/b?sslmode=disable"
        );
    }
}
