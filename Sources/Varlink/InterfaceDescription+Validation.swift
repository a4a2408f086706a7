extension InterfaceDescription {
    /// Checks a call's parameters against the input of method `methodName`.
    ///
    /// Throws `org.varlink.service.MethodNotFound` for an unknown method and
    /// `org.varlink.service.InvalidParameter {parameter}` for a missing required field, a value of the wrong
    /// type, a `null` for a field that is not optional, or a field the method does not declare. Nested fields are
    /// named by a path: `outer.inner`, `list[2].field`, `map.key`.
    public func validateInput(_ parameters: [String: JSONValue], method methodName: String) throws(VarlinkError) {
        guard let method = method(named: methodName) else { throw .methodNotFound("\(name).\(methodName)") }
        try validate(parameters, fields: method.input)
    }

    /// Checks parameters against a list of fields (a method's input or output, or an error's parameters).
    public func validate(_ parameters: [String: JSONValue], fields: [VarlinkField]) throws(VarlinkError) {
        try validate(object: parameters, fields: fields, path: "")
    }

    private func validate(object: [String: JSONValue], fields: [VarlinkField], path: String) throws(VarlinkError) {
        let declared = Set(fields.map(\.name))
        // Report unknown fields in a stable order.
        for key in object.keys.sorted() where !declared.contains(key) {
            throw .invalidParameter(path + key)
        }
        for field in fields {
            try validate(object[field.name], type: field.type, path: path + field.name)
        }
    }

    private func validate(_ value: JSONValue?, type: VarlinkType, path: String) throws(VarlinkError) {
        if case .optional(let wrapped) = type {
            guard let value, !value.isNull else { return }
            try validate(value, type: wrapped, path: path)
            return
        }
        guard let value, !value.isNull else { throw .invalidParameter(path) }
        switch type {
        case .bool:
            guard value.boolValue != nil else { throw .invalidParameter(path) }
        case .int:
            guard value.intValue != nil else { throw .invalidParameter(path) }
        case .float:
            guard value.doubleValue != nil else { throw .invalidParameter(path) }
        case .string:
            guard value.stringValue != nil else { throw .invalidParameter(path) }
        case .object:
            guard value.objectValue != nil else { throw .invalidParameter(path) }
        case .optional(let wrapped):
            try validate(value, type: wrapped, path: path)
        case .array(let elementType):
            guard let elements = value.arrayValue else { throw .invalidParameter(path) }
            for (position, element) in elements.enumerated() {
                try validate(element, type: elementType, path: "\(path)[\(position)]")
            }
        case .dictionary(let valueType):
            guard let members = value.objectValue else { throw .invalidParameter(path) }
            for key in members.keys.sorted() {
                try validate(members[key], type: valueType, path: "\(path).\(key)")
            }
        case .enumeration(let cases):
            guard let string = value.stringValue, cases.contains(string) else { throw .invalidParameter(path) }
        case .structure(let fields):
            guard let members = value.objectValue else { throw .invalidParameter(path) }
            try validate(object: members, fields: fields, path: path + ".")
        case .named(let typeName):
            guard let definition = self.type(named: typeName) else { throw .invalidParameter(path) }
            try validate(value, type: definition.type, path: path)
        }
    }
}
