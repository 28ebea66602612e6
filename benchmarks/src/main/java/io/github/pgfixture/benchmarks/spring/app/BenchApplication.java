package io.github.pgfixture.benchmarks.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring benchmark's application: Boot's JDBC and Flyway auto-configuration over db/spring-bench. */
@SpringBootApplication
public class BenchApplication {
}
