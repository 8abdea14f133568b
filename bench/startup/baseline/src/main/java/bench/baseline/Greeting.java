package bench.baseline;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
@MappedEntity("greeting")
public record Greeting(@Id Long id, String label) {
}
