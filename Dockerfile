# virt-platform-exporter image. Build from the repository root:
#   docker build -t ghcr.io/virt-platform/virt-platform-exporter:0.1.0 .
# (podman and buildah take the same arguments). See deploy/README.md.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit, podman, buildah).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl exporter -am package -Dmaven.test.skip=true

FROM eclipse-temurin:17-jre
COPY --from=build /src/exporter/target/virt-platform-exporter.jar /opt/virt-platform-exporter/virt-platform-exporter.jar
# Numeric, so Kubernetes can verify runAsNonRoot without an /etc/passwd entry. OpenShift replaces
# it with a UID of the namespace's range; the jar is world-readable either way.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/virt-platform-exporter/virt-platform-exporter.jar"]
