# Production-like image of the MailSift service (used by docker-compose.yml).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B install -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home mailsift
USER mailsift
WORKDIR /home/mailsift
COPY --from=build /src/web/target/mailsift.jar /opt/mailsift/mailsift.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/mailsift/mailsift.jar"]
