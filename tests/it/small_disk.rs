//! A disk of a few MiB that a test fills to the last byte and frees again: a tmpfs, mounted
//! for the test (which needs root, as CI runs).
use std::io::Write;
use std::path::PathBuf;

/// A tmpfs of a few MiB, mounted for one test and unmounted when dropped.
pub(crate) struct SmallDisk {
    _dir: tempfile::TempDir,
    pub(crate) path: PathBuf,
}

impl SmallDisk {
    /// `None`, with the reason printed, where this process may not mount (not root): the only
    /// case in which the tests of a full disk do not run. CI runs as root.
    pub(crate) fn mount(mib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let out = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={mib}m,mode=0777"),
                "tmpfs",
            ])
            .arg(&path)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { _dir: dir, path }),
            Ok(o) => {
                let why = String::from_utf8_lossy(&o.stderr);
                eprintln!("SKIPPED: a full disk needs a tmpfs, and mount refused: {why}");
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: a full disk needs a tmpfs, and mount cannot run: {e}");
                None
            }
        }
    }

    fn filler(&self) -> PathBuf {
        self.path.join("filler")
    }

    /// Writes until the disk refuses, in smaller and smaller pieces, so that not one block is
    /// left free.
    pub(crate) fn fill(&self) {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.filler())
            .unwrap();
        for size in [1 << 20, 64 << 10, 4 << 10, 512, 1] {
            let chunk = vec![0u8; size];
            while f.write_all(&chunk).is_ok() {}
        }
        let _ = f.sync_all();
        let free = coomet_surveys::storage::space(&self.path)
            .unwrap()
            .free_bytes;
        assert_eq!(free, 0, "the disk is full");
    }

    pub(crate) fn free(&self) {
        std::fs::remove_file(self.filler()).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.path)
            .status();
    }
}
