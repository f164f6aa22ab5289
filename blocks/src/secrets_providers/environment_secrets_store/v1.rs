//! `roboflow_core/environment_secrets_store@v1`: the example a block author copies. One struct
//! describes the block; `run` is what it does.

use block_core::{
    Block, Context, Inputs, NameRule, Outputs, Problem, Run, RunError, Secret, Value,
};

/// The Environment Secrets Store block is a secure and flexible solution for fetching secrets
/// stored as environmental variables.
///
/// ## How This Block Works
///
/// It is designed to enable Workflows to access sensitive information, such as API keys or
/// service credentials, without embedding them directly into the Workflow definitions.
///
/// This block simplifies the integration of external services while prioritizing security and
/// adaptability. You can use secrets fetched from environment (which can be set by system
/// administrator to be available in self-hosted inference server) to pass as inputs to other
/// steps.
///
/// ### Credentials security
///
/// It is strongly advised to use secrets providers (available when running self-hosted
/// inference server) or workflows parameters to pass credentials. **Do not hardcode secrets in
/// Workflows definitions.**
///
/// ### Blocks limitations
///
/// This block can only run on self-hosted inference server, we Roboflow does not allow
/// exporting env variables from Hosted Platform due to security concerns.
///
/// ## 🛠️ Block configuration
///
/// Block has configuration parameter `variables_storing_secrets` that must be filled with list
/// of environmental variables which will be exposed as block outputs. Thanks to that, you can
/// use them as inputs for other blocks. Please note that names of outputs will be lowercased.
/// For example, the following settings:
/// ```text
/// variables_storing_secrets=["MY_SECRET_A", "MY_SECRET_B"]
/// ```
/// will generate the following outputs:
///
/// * `my_secret_a`
///
/// * `my_secret_b`
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/environment_secrets_store@v1",
    name = "Environment Secrets Store",
    block_type = "secrets_provider",
    license = "Apache-2.0",
    section = "advanced",
    icon = "far fa-key",
    engine = ">=1.4.0,<2.0.0"
)]
pub struct EnvironmentSecretsStore {
    /// List with names of environment variables to fetch. Each will create separate block
    /// output.
    #[block(
        min_items = 1,
        examples = [["MY_API_KEY", "OTHER_API_KEY"]],
        dynamic_outputs(kind = "secret", names = "lowercase")
    )]
    pub variables_storing_secrets: Vec<String>,
}

impl Run for EnvironmentSecretsStore {
    /// Refuses, before anything runs, the variables the operator has not allowed.
    fn check(&self, context: &Context) -> Vec<Problem> {
        let names = self.variables_storing_secrets.iter().enumerate();
        names
            .filter_map(|(index, name)| {
                let refused = context.env().check(name).err()?;
                Some(Problem::new(
                    format!("/variables_storing_secrets/{index}"),
                    refused.to_string(),
                ))
            })
            .collect()
    }

    /// Reads each variable; one that is not set gives `null`.
    fn run(&self, _inputs: &Inputs<'_>, context: &Context) -> Result<Outputs, RunError> {
        let mut outputs = Outputs::new();
        for name in &self.variables_storing_secrets {
            let text = context
                .env()
                .read(name)
                .map_err(|refused| RunError::new(refused.to_string()))?;
            let output = NameRule::Lowercase.apply(name);
            outputs.insert(output, Value::secret(text.map(Secret::new)));
        }
        Ok(outputs)
    }
}
