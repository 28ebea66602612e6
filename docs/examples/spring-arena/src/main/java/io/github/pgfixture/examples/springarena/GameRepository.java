package io.github.pgfixture.examples.springarena;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

public interface GameRepository extends ListCrudRepository<Game, Long>, PagingAndSortingRepository<Game, Long> {

    Page<Game> findByStatus(String status, Pageable page);
}
