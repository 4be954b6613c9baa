# Sourced by the check scripts (check-kafka-tooling.sh, check-metrics.sh, serve-check.sh):
# what each of them needs before it starts the pipeline. Sets root and jar.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/pipeline/target/pipeline.jar"

# apt_install PACKAGE...: installs Debian's packages named (those a check found missing), quietly.
apt_install() {
  [ $# -gt 0 ] || return 0
  echo "installing $*"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/dev/null
}

# require_jar: builds pipeline.jar unless it is there already.
require_jar() {
  [ -f "$jar" ] || (cd "$root" && ./mvnw -q -B package -DskipTests)
}

# free_port: a loopback port free right now (the pipeline binds it a moment later).
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
