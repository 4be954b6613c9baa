#!/usr/bin/python3
"""Checks docker-compose.yml against the build and the deployment's promises (no Docker needed).

- no top-level name: (Debian's docker-compose rejects it);
- the Kafka image is of the same major.minor line as kafka.version in pom.xml;
- every service has a healthcheck, and every depends_on waits for service_healthy of a service
  enabled in the same profiles;
- in each profile, one service builds the pipeline's image and every other pipeline service uses it;
- each stage serves /metrics and /health on 0.0.0.0:9400, published, and its healthcheck asks /health;
- stream scales (no container_name, no fixed host port);
- serve answers on 0.0.0.0:8080, published on the host's port 8080, beside the stages' /health;
- .dockerignore keeps data and build output out of the build context; the Dockerfile fetches
  dependencies in a layer before copying the sources.
Usage: check-compose.py [REPO_ROOT]
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

PIPELINE_IMAGE = "maildigest-pipeline:local"
PROFILES = ["own", "confluent"]


def main(root):
    problems = []
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    services = compose["services"]

    if "name" in compose:
        problems.append("top-level name: is not accepted by Debian's docker-compose")

    pom = ET.parse(root / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    kafka_version = pom.find("m:properties/m:kafka.version", ns).text
    kafka_image = services["kafka"]["image"]
    match = re.fullmatch(r"apache/kafka:(\d+)\.(\d+)\.\d+", kafka_image)
    if not match or kafka_version.split(".")[:2] != [match.group(1), match.group(2)]:
        problems.append(f"kafka image {kafka_image} is not of the line of kafka.version {kafka_version}")

    for name, service in services.items():
        if not service.get("healthcheck", {}).get("test"):
            problems.append(f"{name}: no healthcheck")

    for profile in PROFILES:
        enabled = {n for n, s in services.items() if not s.get("profiles") or profile in s["profiles"]}
        for name in sorted(enabled):
            depends = services[name].get("depends_on", {})
            if isinstance(depends, list):
                problems.append(f"{name}: depends_on without condition")
                continue
            for target, how in depends.items():
                if target not in enabled:
                    problems.append(f"{name} (profile {profile}) depends on {target}, not enabled in that profile")
                if (how or {}).get("condition") != "service_healthy":
                    problems.append(f"{name}: depends on {target} without condition: service_healthy")
        pipeline = [n for n in enabled if services[n].get("image") == PIPELINE_IMAGE]
        builders = [n for n in pipeline if "build" in services[n]]
        if len(builders) != 1:
            problems.append(f"profile {profile}: {len(builders)} services build the pipeline image ({builders}), expected 1")
        other_builds = [n for n in enabled if "build" in services[n] and n not in builders]
        if other_builds:
            problems.append(f"profile {profile}: other builds {other_builds}")
        stages = [n for n in pipeline if services[n]["command"][0] in ("ingest", "stream", "serve")]
        if sorted(services[n]["command"][0] for n in stages) != ["ingest", "serve", "stream"]:
            problems.append(f"profile {profile}: expected an ingest, a serve and a stream service, got {stages}")
        for name in stages:
            service = services[name]
            command = service["command"]
            for flag in ("--metrics-port=9400", "--metrics-host=0.0.0.0"):
                if flag not in command:
                    problems.append(f"{name}: {flag} missing")
            if not any(str(p).split(":")[-1] == "9400" for p in service.get("ports", [])):
                problems.append(f"{name}: metrics port 9400 not published")
            if "/health" not in " ".join(service["healthcheck"]["test"]):
                problems.append(f"{name}: healthcheck does not ask /health")
            if command[0] == "serve":
                if "--listen=0.0.0.0:8080" not in command:
                    problems.append(f"{name}: --listen=0.0.0.0:8080 missing")
                if "8080:8080" not in [str(p) for p in service.get("ports", [])]:
                    problems.append(f"{name}: port 8080 not published on the host's 8080")
                if "registry" not in " ".join(service.get("depends_on", {})):
                    problems.append(f"{name}: does not wait for the Schema Registry")
            if command[0] == "stream":
                if "container_name" in service:
                    problems.append(f"{name}: container_name prevents --scale")
                if any(":" in str(p) for p in service.get("ports", [])):
                    problems.append(f"{name}: a fixed host port prevents --scale")

    ignored = (root / ".dockerignore").read_text().split() if (root / ".dockerignore").exists() else []
    for entry in (".git", "data", "**/target"):
        if entry not in ignored:
            problems.append(f".dockerignore does not list {entry}")

    dockerfile = (root / "Dockerfile").read_text()
    offline = dockerfile.find("dependency:go-offline")
    sources = dockerfile.find("COPY pipeline/src")
    if offline < 0 or sources < 0 or offline > sources:
        problems.append("Dockerfile: no dependency layer before the sources are copied")

    for problem in problems:
        print("compose: " + problem, file=sys.stderr)
    if problems:
        return 1
    print(f"compose: {len(services)} services checked in profiles {PROFILES}: Kafka {kafka_image} for clients {kafka_version}, "
          "healthchecks, service_healthy dependencies, one image build per profile")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)))
