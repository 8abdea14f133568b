package bench.baseline;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

@Controller("/greetings")
public class GreetingController {
    private final GreetingRepository repository;

    public GreetingController(GreetingRepository repository) {
        this.repository = repository;
    }

    @Get
    public List<Greeting> list() {
        return repository.findAll();
    }
}
