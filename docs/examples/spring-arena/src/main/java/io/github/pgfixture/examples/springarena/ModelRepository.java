package io.github.pgfixture.examples.springarena;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

public interface ModelRepository extends ListCrudRepository<Model, Long> {

    Optional<Model> findByName(String name);

    List<Model> findByActiveTrueOrderByName();
}
