package io.github.pgfixture.examples.springarena;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

public interface KindRepository extends ListCrudRepository<Kind, Long> {

    Optional<Kind> findByName(String name);
}
