# Image of the pipeline, every stage and `pipeline registry`: `docker compose up --build` builds it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, in a layer of their own: it is rebuilt only when a pom changes, not at
# every change of the sources.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY pipeline/pom.xml pipeline/pom.xml
RUN ./mvnw -q -B dependency:go-offline -pl pipeline -am
COPY schemas schemas
COPY pipeline/src pipeline/src
RUN ./mvnw -q -B package -DskipTests -pl pipeline -am

FROM eclipse-temurin:17-jre
# curl for the healthchecks (GET /health, GET /subjects).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/pipeline/target/pipeline.jar /app/pipeline.jar
COPY --from=build /src/pipeline/target/lib /app/lib
COPY pipeline/bin/pipeline /app/bin/pipeline
ENV PIPELINE_JAR=/app/pipeline.jar
VOLUME /data
# 8080: `pipeline serve`; 8081: `pipeline registry`; 9400: /metrics and /health of a stage (--metrics-port).
EXPOSE 8080 8081 9400
ENTRYPOINT ["/app/bin/pipeline"]
CMD ["--help"]
