package bench.baseline;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

// MYSQL dialect for both databases: H2 runs in MySQL mode, as in the server.
@JdbcRepository(dialect = Dialect.MYSQL)
public interface GreetingRepository extends CrudRepository<Greeting, Long> {
}
