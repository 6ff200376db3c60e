//! The disk under what the service writes: files written whole or not at all, and the free
//! space a health check compares with its floor.
use crate::config::DiskFloor;
use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// A file being written beside its final name, renamed into place by `finish`; dropped
/// unfinished (an error on the way, a full disk), it is removed, so the name asked for never
/// holds a partial file.
pub struct Partial {
    temp: PathBuf,
    to: PathBuf,
    done: bool,
}

impl Partial {
    /// A temporary name in `to`'s folder (a rename across file systems would be a copy).
    pub fn beside(to: &Path) -> Partial {
        let name = to.file_name().map(|n| n.to_string_lossy().into_owned());
        let temp = format!(
            ".{}.partial-{:08x}",
            name.unwrap_or_default(),
            rand::random::<u32>()
        );
        Partial {
            temp: to.with_file_name(temp),
            to: to.to_path_buf(),
            done: false,
        }
    }

    /// Where the writer (a process such as `pg_dump`, or `VACUUM INTO`) puts the bytes.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// The file is complete: flushed to the disk and given its name.
    pub fn finish(mut self) -> Result<()> {
        std::fs::File::open(&self.temp)?.sync_all()?;
        std::fs::rename(&self.temp, &self.to)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `to` whole or not at all; an earlier file of that name stays as it was
/// until the new one is complete.
pub fn write_whole(to: &Path, bytes: &[u8]) -> Result<()> {
    let partial = Partial::beside(to);
    let mut file = std::fs::File::create(partial.path())?;
    file.write_all(bytes)?;
    drop(file);
    partial.finish()
}

/// The space of the file system that holds a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Space {
    /// Bytes an unprivileged writer may still take.
    pub free_bytes: u64,
    pub total_bytes: u64,
}

/// The space of the file system holding `path` (which must exist).
pub fn space(path: &Path) -> Result<Space> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| Error::Invalid(format!("{}: a NUL in the path", path.display())))?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c` is a NUL-terminated path and `st` a buffer of the size statvfs fills.
    let rc = unsafe { libc::statvfs(c.as_ptr(), st.as_mut_ptr()) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    // SAFETY: statvfs returned 0, so it filled the buffer.
    let st = unsafe { st.assume_init() };
    // The widths of these fields differ between platforms (32-bit `c_ulong`).
    #[allow(clippy::unnecessary_cast)]
    let (unit, free, total) = (st.f_frsize as u64, st.f_bavail as u64, st.f_blocks as u64);
    Ok(Space {
        free_bytes: free * unit,
        total_bytes: total * unit,
    })
}

/// The folders the service writes to, watched against the floor: read by `/health` and
/// `/metrics`, and every minute by a job, so that the log says once when the disk crosses the
/// floor (and once when it is back above), however often it is read.
#[derive(Debug)]
pub struct Watch {
    places: Vec<PathBuf>,
    floor: DiskFloor,
    low: AtomicBool,
}

/// One watched folder's space against the floor.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reading {
    pub path: String,
    pub free_bytes: u64,
    pub total_bytes: u64,
    pub floor_bytes: u64,
    pub low: bool,
}

impl Watch {
    /// Watches each of `places` once (the data folder and the database's are often one).
    pub fn new(places: impl IntoIterator<Item = PathBuf>, floor: DiskFloor) -> Watch {
        let mut unique: Vec<PathBuf> = Vec::new();
        for p in places {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
        Watch {
            places: unique,
            floor,
            low: AtomicBool::new(false),
        }
    }

    /// Every watched folder that exists, read now; the log told of a crossing.
    pub fn read(&self) -> Vec<Reading> {
        let readings: Vec<Reading> = self
            .places
            .iter()
            .filter_map(|p| {
                let s = space(p).ok()?;
                let floor_bytes = self.floor.bytes(s.total_bytes);
                Some(Reading {
                    path: p.display().to_string(),
                    free_bytes: s.free_bytes,
                    total_bytes: s.total_bytes,
                    floor_bytes,
                    low: s.free_bytes < floor_bytes || s.free_bytes == 0,
                })
            })
            .collect();
        let low = readings.iter().find(|r| r.low);
        let was = self.low.swap(low.is_some(), Ordering::AcqRel);
        match low {
            Some(r) if !was => tracing::warn!(
                path = %r.path, free_bytes = r.free_bytes, floor_bytes = r.floor_bytes,
                "the disk is nearly full: writes will be refused when it is"
            ),
            None if was => tracing::info!("free disk space is back above the floor"),
            _ => {}
        }
        readings
    }

    /// A write just failed for lack of space: the reading (and the log) catch up now rather
    /// than at the next minute.
    pub fn noticed_full(&self) {
        self.read();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_file_replaces_the_old_one_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join("export.csv");
        std::fs::write(&to, "old").unwrap();
        write_whole(&to, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn an_unfinished_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join("backup.db");
        let partial = Partial::beside(&to);
        std::fs::write(partial.path(), "half").unwrap();
        drop(partial);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_below_the_floor_is_low() {
        let dir = tempfile::tempdir().unwrap();
        let all = DiskFloor {
            mib: u32::MAX,
            percent: 100,
        };
        let watch = Watch::new([dir.path().into(), dir.path().into()], all);
        let readings = watch.read();
        assert_eq!(readings.len(), 1, "one folder, read once");
        assert!(readings[0].low);
        let none = Watch::new([dir.path().into()], DiskFloor { mib: 0, percent: 0 });
        assert!(!none.read()[0].low);
    }

    #[test]
    fn the_space_of_a_folder_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let s = space(dir.path()).unwrap();
        assert!(s.total_bytes > 0 && s.free_bytes <= s.total_bytes);
    }
}
