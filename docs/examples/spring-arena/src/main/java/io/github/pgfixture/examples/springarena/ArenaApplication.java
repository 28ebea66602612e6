package io.github.pgfixture.examples.springarena;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The arena as a Spring Boot application: Spring Data JDBC repositories, migrated by Flyway at start-up. */
@SpringBootApplication
public class ArenaApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArenaApplication.class, args);
    }
}
