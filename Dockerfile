# syntax=docker/dockerfile:1
# One image for every role: the command's --roles decides what a container runs.
#   docker build -t synthos .
#   docker run -p 8000:8000 -e SYNTHOS_MODE=development synthos   # a try: every role, embedded
#                                   # PostgreSQL and Redis, a JWT secret made in the data volume
#   docker run synthos --cluster --roles orchestrator,resources

# --- build: the modules of the one Maven build, tests left to CI -----------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a change to the sources reuses this layer.
COPY pom.xml ./
COPY proto/pom.xml proto/
COPY ml-services/pom.xml ml-services/
COPY backend/pom.xml backend/
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY conf/ conf/
COPY proto/src/main/ proto/src/main/
COPY ml-services/src/main/ ml-services/src/main/
COPY backend/src/main/ backend/src/main/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true && cp target/synthos.jar /synthos.jar

# --- runtime: a JRE, a non-root user, the jar ---------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime
RUN groupadd --system --gid 10001 synthos \
    && useradd --system --uid 10001 --gid synthos --home-dir /var/lib/synthos --create-home synthos \
    && apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /synthos.jar /opt/synthos/synthos.jar
COPY conf/ /opt/synthos/conf/

# Container-aware JVM: heap sized from the container's memory limit, not the host's; IPv4 for the
# cluster; the module openings Hazelcast asks for. Every server listens on all the container's
# interfaces (Synthos alone listens on loopback), so published ports and other containers reach it.
ENV JDK_JAVA_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \
-Djava.net.preferIPv4Stack=true \
--add-modules=java.se --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.management/sun.management=ALL-UNNAMED \
--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED" \
    SYNTHOS_DATA_DIR=/var/lib/synthos/data \
    SYNTHOS_MODE=production \
    SYNTHOS_BIND_HOST=0.0.0.0 \
    PORT=8000

USER synthos
WORKDIR /var/lib/synthos
VOLUME /var/lib/synthos/data
# REST, dashboard, orchestrator gRPC, the three ML services, Hazelcast.
EXPOSE 8000 3001 50053 50051 50052 50054 5701

# /health answers on the API port; a node without the api role sets SYNTHOS_HEALTH_URL to its
# dashboard's /health, or disables the check (HEALTHCHECK NONE in compose).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "${SYNTHOS_HEALTH_URL:-http://127.0.0.1:${PORT}/health}" >/dev/null || exit 1

ENTRYPOINT ["java", "-jar", "/opt/synthos/synthos.jar"]
