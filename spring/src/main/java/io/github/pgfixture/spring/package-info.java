/**
 * Spring and Spring Boot tests on pgfixture: {@link io.github.pgfixture.spring.AutoConfigureTempDatabase}
 * on a test class makes the context's DataSource a fresh clone of a migrated template for every test
 * class or method, with JUnit 5's {@code SpringExtension} and TestNG's
 * {@code AbstractTestNGSpringContextTests} alike.
 */
package io.github.pgfixture.spring;
