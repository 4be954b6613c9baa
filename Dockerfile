# Image of the pipeline: `docker compose up` builds it from source.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY pipeline/pom.xml pipeline/pom.xml
COPY schemas schemas
COPY pipeline/src pipeline/src
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/pipeline/target/pipeline.jar /app/pipeline.jar
COPY --from=build /src/pipeline/target/lib /app/lib
COPY pipeline/bin/pipeline /app/bin/pipeline
ENV PIPELINE_JAR=/app/pipeline.jar
VOLUME /data
ENTRYPOINT ["/app/bin/pipeline"]
CMD ["--help"]
