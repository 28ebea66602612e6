package io.github.pgfixture.examples.springarena;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface RatingRepository extends ListCrudRepository<Rating, Long> {

    /** The best {@code limit} agents by conservative rating (mu - 3 sigma), read through its index. */
    @Query("SELECT * FROM agent_ratings ORDER BY conservative DESC, agent_id LIMIT :limit")
    List<Rating> leaderboard(@Param("limit") int limit);
}
