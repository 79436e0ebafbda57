// The unit tests build and fold every department's events directly, as the server does. The
// device's loading of a family on its first event is tested on real storage (integration).
import '../../src/domain/events/everyFamily';
