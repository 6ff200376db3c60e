use std::process::ExitCode;

#[rocket::main]
async fn main() -> ExitCode {
    coomet_surveys::cli::main().await
}
