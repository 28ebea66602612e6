package io.github.pgfixture.examples.springarena;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

public interface PromptRepository extends ListCrudRepository<Prompt, Long> {

    List<Prompt> findByNameOrderByVersion(String name);
}
