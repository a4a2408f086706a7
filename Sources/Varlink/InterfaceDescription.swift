/// A parsed Varlink interface definition (the text of a `.varlink` file), with its original text kept.
public struct InterfaceDescription: Sendable {
    /// A `type Name (...)` member.
    public struct TypeDefinition: Sendable, Hashable {
        /// The type's name.
        public var name: String
        /// The `#` comment lines directly above the member, without the `#`.
        public var documentation: String
        /// The defined struct or enum.
        public var type: VarlinkType
        /// The line the member starts on.
        public var line: Int
    }

    /// A `method Name (...) -> (...)` member.
    public struct Method: Sendable, Hashable {
        /// The method's name, without the interface.
        public var name: String
        /// The `#` comment lines directly above the member, without the `#`.
        public var documentation: String
        /// The input parameters.
        public var input: [VarlinkField]
        /// The output parameters.
        public var output: [VarlinkField]
        /// The line the member starts on.
        public var line: Int
    }

    /// An `error Name (...)` member.
    public struct ErrorDefinition: Sendable, Hashable {
        /// The error's name, without the interface.
        public var name: String
        /// The `#` comment lines directly above the member, without the `#`.
        public var documentation: String
        /// The error's parameters.
        public var parameters: [VarlinkField]
        /// The line the member starts on.
        public var line: Int
    }

    /// The interface name, e.g. `org.example.ftp`.
    public let name: String
    /// The `#` comment lines directly above `interface`, without the `#`.
    public let documentation: String
    /// The original text, served by `org.varlink.service.GetInterfaceDescription`.
    public let text: String
    /// The `type` members, in the order written.
    public let types: [TypeDefinition]
    /// The `method` members, in the order written.
    public let methods: [Method]
    /// The `error` members, in the order written.
    public let errors: [ErrorDefinition]

    /// Parses an interface definition; throws ``InterfaceParseError`` with the line of the first problem.
    public init(parsing text: String) throws(InterfaceParseError) {
        var parser = InterfaceParser(text: text)
        let parsed = try parser.parseInterface()
        self.name = parsed.name
        self.documentation = parsed.documentation
        self.text = text
        self.types = parsed.types
        self.methods = parsed.methods
        self.errors = parsed.errors
    }

    /// The method called `name`, if the interface declares one.
    public func method(named name: String) -> Method? {
        methods.first { $0.name == name }
    }

    /// The type called `name`, if the interface declares one.
    public func type(named name: String) -> TypeDefinition? {
        types.first { $0.name == name }
    }

    /// The error called `name`, if the interface declares one.
    public func error(named name: String) -> ErrorDefinition? {
        errors.first { $0.name == name }
    }

    /// The interface of `org.varlink.service`, which every server provides.
    public static let varlinkService: InterfaceDescription = try! InterfaceDescription(parsing: varlinkServiceText)

    /// The text of `org.varlink.service`, including `PermissionDenied` and `ExpectedMore`.
    public static let varlinkServiceText = """
        # The Varlink Service Interface is provided by every varlink service. It
        # describes the service and the interfaces it implements.
        interface org.varlink.service

        # Get a list of all the interfaces a service provides and information
        # about the implementation.
        method GetInfo() -> (
          vendor: string,
          product: string,
          version: string,
          url: string,
          interfaces: []string
        )

        # Get the description of an interface that is implemented by this service.
        method GetInterfaceDescription(interface: string) -> (description: string)

        # The requested interface was not found.
        error InterfaceNotFound (interface: string)

        # The requested method was not found
        error MethodNotFound (method: string)

        # The interface defines the requested method, but the service does not
        # implement it.
        error MethodNotImplemented (method: string)

        # One of the passed parameters is invalid.
        error InvalidParameter (parameter: string)

        # Client is denied access
        error PermissionDenied ()

        # Method is expected to be called with 'more' set to true, but wasn't
        error ExpectedMore ()

        """
}
