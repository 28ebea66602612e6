package io.github.pgfixture.examples.springarena;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

public interface AgentRepository extends ListCrudRepository<Agent, Long> {

    Optional<Agent> findByAlias(String alias);
}
