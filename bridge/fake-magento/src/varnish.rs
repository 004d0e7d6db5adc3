//! The load harness's pass through Varnish: real `varnishd` with `deploy/varnish/salable.vcl` (its
//! backend pointed at the bridge) in its own working folder on 127.0.0.1, started and stopped by the
//! pass. Bridge requests come from Varnish's own counter (`MAIN.backend_req`, via `varnishstat`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The VCL shipped in `deploy/varnish/`, from the workspace root.
pub fn shipped_vcl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/varnish/salable.vcl")
}

/// A tool from PATH or the sbin folders Debian installs daemons into.
fn tool(name: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{name} is not installed: the Varnish pass needs Debian's varnish package (bash scripts/setup.sh --test)"))
}

/// A running `varnishd -F`, killed and its folder removed on drop.
pub struct Varnish {
    child: Child,
    dir: PathBuf,
    pub addr: std::net::SocketAddr,
}

impl Varnish {
    /// Starts varnishd in front of `backend` with `vcl`, its host and port substituted the way an
    /// operations team templates it (each must occur once).
    pub async fn start(vcl: &Path, backend: std::net::SocketAddr) -> Result<Varnish, String> {
        let varnishd = tool("varnishd")?;
        let text = std::fs::read_to_string(vcl).map_err(|e| format!("{}: {e}", vcl.display()))?;
        let text = substitute(&text, ".host = \"127.0.0.1\";", &format!(".host = \"{}\";", backend.ip()))?;
        let text = substitute(&text, ".port = \"8787\";", &format!(".port = \"{}\";", backend.port()))?;
        let dir = std::env::temp_dir().join(format!("salable-load-varnish-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let vcl_path = dir.join("salable.vcl");
        std::fs::write(&vcl_path, text).map_err(|e| e.to_string())?;
        // The kernel's free port, released for varnishd to bind.
        let addr = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?;
        let child = Command::new(varnishd)
            .args(["-F", "-j", "none", "-n"])
            .arg(&dir)
            .args(["-a", &addr.to_string(), "-f"])
            .arg(&vcl_path)
            .args(["-s", "malloc,256m", "-p", "thread_pool_min=200", "-p", "thread_pool_max=2000"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("varnishd: {e}"))?;
        let mut v = Varnish { child, dir, addr };
        let deadline = Instant::now() + Duration::from_secs(30);
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            if let Ok(Some(status)) = v.child.try_wait() {
                return Err(format!("varnishd exited ({status}) before listening"));
            }
            if Instant::now() > deadline {
                return Err("varnishd did not listen within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(v)
    }

    /// One of Varnish's counters, e.g. `MAIN.backend_req`.
    pub fn counter(&self, name: &str) -> Result<u64, String> {
        let out = Command::new(tool("varnishstat")?)
            .arg("-n")
            .arg(&self.dir)
            .args(["-1", "-f", name])
            .output()
            .map_err(|e| format!("varnishstat: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .find_map(|l| {
                let mut f = l.split_whitespace();
                (f.next() == Some(name)).then(|| f.next().and_then(|v| v.parse().ok())).flatten()
            })
            .ok_or_else(|| format!("varnishstat has no {name}: {text}"))
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn substitute(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!("the VCL should hold {from:?} once, found {n}")),
    }
}
