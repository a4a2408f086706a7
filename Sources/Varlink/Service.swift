import Logging

/// Handles the calls to one interface: reply through the writer, or throw a ``VarlinkError``.
///
/// Returning without a final reply makes the server send an empty final reply (`{"parameters": {}}`), so a method
/// without output can simply return. Throwing a `VarlinkError` or a ``VarlinkTypedError`` sends it as an error reply; any other error sends
/// `io.streetflow.varlink.InternalError` and is logged. When the client disconnects, the handler's task is
/// cancelled; long-lived `more` handlers must honour cancellation.
public typealias VarlinkHandler = @Sendable (VarlinkCall, VarlinkReplyWriter) async throws -> Void

/// A Varlink service: its identity for `org.varlink.service.GetInfo` and the interfaces it implements.
///
/// `org.varlink.service` (GetInfo, GetInterfaceDescription) is built in. Every call is checked before its handler
/// runs: unknown interface → `InterfaceNotFound`, unknown method → `MethodNotFound`, parameters that do not match
/// the method's input → `InvalidParameter`, `upgrade: true` → `InvalidParameter {"parameter": "upgrade"}`.
/// The IDL cannot mark a method as streaming, so `more` is passed to the handler: a streaming method called without
/// it should throw ``VarlinkError/expectedMore()`` (replying with `continues: true` does that for it), and any
/// other method simply replies once, which ends the call as the specification allows.
public struct VarlinkService: Sendable {
    struct Registration: Sendable {
        var description: InterfaceDescription
        var handler: VarlinkHandler
    }

    /// The vendor, for `GetInfo`.
    public var vendor: String
    /// The product, for `GetInfo`.
    public var product: String
    /// The version, for `GetInfo`.
    public var version: String
    /// The URL, for `GetInfo`.
    public var url: String
    private(set) var registrations: [String: Registration] = [:]

    /// Creates a service that implements only `org.varlink.service` until interfaces are registered.
    public init(vendor: String, product: String, version: String, url: String) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
    }

    /// Registers (or replaces) the handler of an interface.
    public mutating func register(_ interface: InterfaceDescription, handler: @escaping VarlinkHandler) {
        precondition(interface.name != InterfaceDescription.varlinkService.name, "org.varlink.service is built in")
        registrations[interface.name] = Registration(description: interface, handler: handler)
    }

    /// Parses an interface definition and registers its handler; throws ``InterfaceParseError``.
    public mutating func register(parsing text: String, handler: @escaping VarlinkHandler) throws(InterfaceParseError) {
        register(try InterfaceDescription(parsing: text), handler: handler)
    }

    /// The names of the interfaces served, `org.varlink.service` first, then the others sorted.
    public var interfaceNames: [String] {
        [InterfaceDescription.varlinkService.name] + registrations.keys.sorted()
    }

    /// The description of a served interface, including `org.varlink.service`.
    public func interface(named name: String) -> InterfaceDescription? {
        name == InterfaceDescription.varlinkService.name ? .varlinkService : registrations[name]?.description
    }

    /// Checks and runs one call, sending its reply or replies through `writer`.
    func dispatch(_ request: VarlinkRequest, peer: PeerCredentials, writer: VarlinkReplyWriter, logger: Logger) async {
        var logger = logger
        logger[metadataKey: "varlink.method"] = "\(request.method)"
        do {
            let call = try check(request, peer: peer)
            if call.interface == InterfaceDescription.varlinkService.name {
                try await serveIntrospection(call, writer: writer)
            } else if let registration = registrations[call.interface] {
                try await registration.handler(call, writer)
            }
            if !writer.isFinished {
                try await writer.reply([:])
            }
        } catch let error as VarlinkError {
            logger.debug("Call failed", metadata: ["varlink.error": "\(error.name)"])
            await send(error, to: writer, logger: logger)
        } catch let error as any VarlinkTypedError {
            logger.debug("Call failed", metadata: ["varlink.error": "\(type(of: error).varlinkName)"])
            await send(error.varlinkError, to: writer, logger: logger)
        } catch is VarlinkReplyAlreadySent {
            logger.info("Handler replied after its final reply")
        } catch is CancellationError {
            logger.debug("Call cancelled")
        } catch {
            if Task.isCancelled {
                logger.debug("Call cancelled")
            } else {
                logger.info("Handler failed", metadata: ["error": "\(String(reflecting: error))"])
                await send(.internalError(), to: writer, logger: logger)
            }
        }
    }

    private func send(_ error: VarlinkError, to writer: VarlinkReplyWriter, logger: Logger) async {
        do {
            if try await !writer.fail(error) {
                logger.info("Handler failed after its final reply", metadata: ["varlink.error": "\(error.name)"])
            }
        } catch {
            logger.debug("Could not send error reply", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Validates a request against the registered interfaces and turns it into a call.
    func check(_ request: VarlinkRequest, peer: PeerCredentials) throws(VarlinkError) -> VarlinkCall {
        if request.upgrade { throw .invalidParameter("upgrade") }
        let interfaceName = request.interfaceName
        guard let description = interface(named: interfaceName) else { throw .interfaceNotFound(interfaceName) }
        guard description.method(named: request.memberName) != nil else { throw .methodNotFound(request.method) }
        try description.validateInput(request.parameters, method: request.memberName)
        return VarlinkCall(
            interface: interfaceName,
            method: request.memberName,
            parameters: request.parameters,
            oneway: request.oneway,
            more: request.more,
            peer: peer
        )
    }

    private func serveIntrospection(_ call: VarlinkCall, writer: VarlinkReplyWriter) async throws {
        switch call.method {
        case "GetInfo":
            try await writer.reply([
                "vendor": .string(vendor),
                "product": .string(product),
                "version": .string(version),
                "url": .string(url),
                "interfaces": .array(interfaceNames.map(JSONValue.string)),
            ])
        case "GetInterfaceDescription":
            let name = call.parameters["interface"]?.stringValue ?? ""
            guard let description = interface(named: name) else { throw VarlinkError.interfaceNotFound(name) }
            try await writer.reply(["description": .string(description.text)])
        default:
            throw VarlinkError.methodNotImplemented(call.qualifiedMethod)
        }
    }
}
