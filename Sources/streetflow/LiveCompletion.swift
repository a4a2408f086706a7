import ArgumentParser
import Dispatch
import StreetFlowClient
import Synchronization
import WorkflowModel

/// Shell completions that ask the running daemon: the ids in the user's queue and list, the workflows, their
/// states and the committees. Without a daemon (or within two seconds) they offer nothing, as a shell expects.
enum LiveCompletion {
    /// Request ids: the caller's queue first, then the newest they can see.
    static let ids = CompletionKind.custom { words, _, prefix in
        ask(words, prefix) { client in
            let queued = try await client.workflow.queue().items.map(\.instance.id)
            let listed = try await client.workflow.list(limit: 100).instances.map(\.id)
            return queued + listed.filter { !queued.contains($0) }
        }
    }

    /// Workflow keys.
    static let workflows = CompletionKind.custom { words, _, prefix in
        ask(words, prefix) { client in try await client.workflow.workflows().workflows.map(\.key) }
    }

    /// State keys of every workflow.
    static let states = CompletionKind.custom { words, _, prefix in
        ask(words, prefix) { client in
            var keys: [String] = []
            for definition in try await Verbs.definitions(client: client) {
                keys += definition.states.map(\.key).filter { !keys.contains($0) }
            }
            return keys
        }
    }

    /// Committee names.
    static let committees = CompletionKind.custom { words, _, prefix in
        ask(words, prefix) { client in try await client.workflow.programme().committees.map(\.committee) }
    }

    /// After a field's option (`submit WORKFLOW --placement <Tab>`, `act ID ACTION --place <Tab>`): the field's
    /// choices by their labels, as the office types them.
    static let fieldValues = CompletionKind.custom { words, index, prefix in
        let previous = index > 0 && index - 1 < words.count ? words[index - 1] : ""
        guard previous.hasPrefix("--"), previous.count > 2 else { return [] }
        let option = String(previous.dropFirst(2))
        return ask(words, prefix) { client in
            var fields: [FieldDefinition] = []
            if let at = words.firstIndex(of: "submit"), at + 1 < words.count {
                let typed = words[at + 1]
                let summary = try await client.workflow.workflows().workflows.first {
                    $0.key == typed || $0.title.zh == typed
                }
                if let key = summary?.key, let definition = await client.definition(key) { fields = definition.fields }
            } else if let at = words.firstIndex(of: "act"), at + 2 < words.count {
                let instance = try await client.workflow.get(id: words[at + 1]).instance
                let definition = await client.definition(instance.workflow, version: instance.definitionVersion)
                fields = definition?.action(words[at + 2])?.fields ?? []
            }
            let key = SubjectFields.key(option, in: fields)
            return fields.first { $0.key == key }?.values.map(\.label.zh) ?? []
        }
    }

    /// Runs `body` against the daemon named by `--socket` in `words` (or found as usual), waiting at most two
    /// seconds; the answers that start with `prefix`.
    static func ask(
        _ words: [String], _ prefix: String, _ body: @escaping @Sendable (StreetFlowClient) async throws -> [String]
    ) -> [String] {
        let explicit = words.firstIndex(of: "--socket").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        let answers = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            defer { done.signal() }
            guard
                let client = try? await StreetFlowClient.connect(
                    socketPath: SocketDiscovery.resolve(explicit: explicit))
            else { return }
            let result = (try? await body(client)) ?? []
            await client.close()
            answers.withLock { $0 = result }
        }
        _ = done.wait(timeout: .now() + 2)
        return answers.withLock { $0 }.filter { $0.hasPrefix(prefix) }
    }
}
