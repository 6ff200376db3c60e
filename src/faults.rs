//! What a failure means, read from the database's or the system's own codes: a lock or a
//! connection not granted in time, a disk or quota with no room. Below `error`, which turns
//! them into its variants, and `db`, which re-exports them.
use sea_orm::{DbErr, RuntimeErr};

/// The database could not give us a lock or a connection within its bound: answer "try again"
/// (503), not "fault".
pub fn is_busy(e: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    let runtime = match e {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(r) | DbErr::Exec(r) | DbErr::Query(r) => r,
        _ => return false,
    };
    let RuntimeErr::SqlxError(inner) = runtime else {
        return false;
    };
    match inner.as_ref() {
        Sqlx::PoolTimedOut => true,
        // SQLITE_BUSY (5) and its extended codes (517 BUSY_SNAPSHOT, 261 BUSY_RECOVERY),
        // SQLITE_LOCKED (6). Only SQLite's codes are numbers to mask: PostgreSQL's SQLSTATE
        // 22021 (a NUL in a string) would read as 261.
        Sqlx::Database(d) => {
            let sqlite = d
                .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some();
            let code = d.code();
            if sqlite {
                code.and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| matches!(c & 0xff, 5 | 6))
            } else {
                // lock_not_available: a lock refused by `lock_timeout`.
                code.as_deref() == Some("55P03")
            }
        }
        _ => false,
    }
}

/// The database had no room for a write: SQLite's `SQLITE_FULL` (13, which its Unix layer
/// answers for ENOSPC and EDQUOT), PostgreSQL's `disk_full` (53100).
pub fn is_disk_full(e: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    let (DbErr::Conn(r) | DbErr::Exec(r) | DbErr::Query(r)) = e else {
        return false;
    };
    let RuntimeErr::SqlxError(inner) = r else {
        return false;
    };
    match inner.as_ref() {
        Sqlx::Io(io) => is_storage_full(io),
        Sqlx::Database(d) => {
            let code = d.code();
            if d.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
            {
                code.and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| c & 0xff == 13)
            } else {
                code.as_deref() == Some("53100")
            }
        }
        _ => false,
    }
}

/// No room on the disk (ENOSPC) or in the user's quota (EDQUOT).
pub fn is_storage_full(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded)
}
