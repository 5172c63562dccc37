# Builds Conversa from source and runs it on a JRE. The image expects an external PostgreSQL
# (DATABASE_URL); see docker-compose.yml.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home conversa
USER conversa
WORKDIR /home/conversa
COPY --from=build /src/web-ui/target/conversa.jar conversa.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "conversa.jar"]
