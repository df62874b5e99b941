import Dispatch
import Foundation

/// The first SIGTERM/SIGINT asks for a graceful stop (ServiceLifecycle handles it: the batch commits); the
/// second means "now": exit at once. The open transaction dies with the connection and rolls back, so
/// nothing is lost or half-written.
final class ImmediateExitOnSecondSignal: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "commentmod.signals")
    private var received = 0

    func arm() {
        for signalNumber in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in
                received += 1
                if received >= 2 {
                    FileHandle.standardError.write(Data("commentmod: second signal; exiting now\n".utf8))
                    _exit(128 + signalNumber)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
