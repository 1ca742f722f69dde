# One image, both programs: `docker run IMAGE worker ...` or `docker run IMAGE producer ...`.
# Builds with the classic builder (no BuildKit features). Maven downloads what the build needs;
# where no registry can be reached, the maven image must already hold it.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The POMs alone first: the layer that resolves plugins and dependencies is then rebuilt only when
# a POM changes, not on every source edit. Packaging empty modules pulls exactly what package needs.
COPY pom.xml ./
COPY api/pom.xml api/
COPY common/pom.xml common/
COPY worker/pom.xml worker/
COPY client/pom.xml client/
COPY producer/pom.xml producer/
COPY examples/sha256-kind/pom.xml examples/sha256-kind/
COPY examples/sha256-client/pom.xml examples/sha256-client/
RUN mvn -B -q package -DskipTests
COPY api/src api/src
COPY common/src common/src
COPY worker/src worker/src
COPY client/src client/src
COPY producer/src producer/src
COPY examples/sha256-kind/src examples/sha256-kind/src
COPY examples/sha256-client/src examples/sha256-client/src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="taskfleet" \
      org.opencontainers.image.description="RabbitMQ worker fleet: worker and producer"
# A fixed uid/gid outside the range of host and base-image users (Ubuntu's images have uid 1000).
RUN groupadd --system --gid 10001 taskfleet \
 && useradd --system --uid 10001 --gid taskfleet --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin taskfleet
WORKDIR /app
COPY --from=build /build/worker/target/worker.jar /build/producer/target/producer.jar /app/
COPY docker/taskfleet /app/taskfleet
# Plugin jars (kinds of task) go here, mounted or copied in; empty, only the built-in kinds, by default.
RUN chmod 0755 /app/taskfleet && mkdir -p /app/plugins
ENV WORKER_PLUGINS=/app/plugins PRODUCER_PLUGINS=/app/plugins
# Workers serve /health and /metrics here (the command line's default is off).
ENV WORKER_METRICS_PORT=8080
EXPOSE 8080
# Numeric, so Kubernetes runAsNonRoot can check it.
USER 10001:10001
ENTRYPOINT ["/app/taskfleet"]
CMD ["worker"]
